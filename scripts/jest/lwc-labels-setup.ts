/**
 * Jest set-up of the `lwc` project: `@salesforce/label/c.<Name>` answers the package's Custom Label in English (its
 * master value), as an org does for an `en_US` user — one virtual module per label of
 * `force-app/main/default/labels/CustomLabels.labels-meta.xml`. Without it, `@lwc/jest-transformer` would give a
 * component the import path (`c.Save`) instead of the text. A name the file lacks stays unresolved here; the
 * `ui-labels` step of `npm test` reports it (`UnknownLabel`).
 */
import { CustomLabelCatalog } from '../../cti-adapter/harness/org-stand-in/custom-labels';

for (const label of CustomLabelCatalog.fromFolder().labels) {
  jest.doMock(`@salesforce/label/c.${label.name}`, () => ({ __esModule: true, default: label.value }), {
    virtual: true,
  });
}
