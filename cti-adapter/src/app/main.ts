import { createElement } from 'lwc';
import App from 'softphone/app';

const root = document.getElementById('softphone-root') ?? document.body;
const el = createElement('softphone-app', { is: App });
root.appendChild(el);
