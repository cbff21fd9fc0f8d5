import { LightningElement } from 'lwc';
import Decline from '@salesforce/label/c.Decline';
import Missing from '@salesforce/label/c.Not_In_Package';

export default class BadCard extends LightningElement {
  labels = { Decline, Missing };
  toast() {
    return { title: 'Note added', variant: 'success' };
  }
}
