/**
 * SMS templates keep their rules whatever saves them (the softphone, the record page, Data Loader, the API): the
 * SmsTemplates domain checks and keys each template before insert and update, and checks deletes.
 */
trigger SmsTemplateTrigger on SMS_Template__c(before insert, before update, before delete) {
    new SmsTemplates().handle(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
