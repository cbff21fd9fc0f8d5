import { formatLabel } from 'c/labelFormat';
import Edit_name from '@salesforce/label/c.Edit_name';
import Import_preview_summary from '@salesforce/label/c.Import_preview_summary';

describe('c-label-format', () => {
  it('resolves @salesforce/label to the English master value in jest, as for an en_US user', () => {
    expect(Edit_name).toBe('Edit {0}');
  });

  it('fills the placeholders where the label puts them', () => {
    expect(formatLabel(Edit_name, 'Gold rule')).toBe('Edit Gold rule');
    expect(formatLabel(Import_preview_summary, 2, 1, 0, 5)).toBe(
      '2 to add, 1 to change, 0 unchanged, 5 not in the file (kept as they are).',
    );
    expect(formatLabel('Modifier « {0} » ({1})', 'Règle')).toBe('Modifier « Règle » ({1})');
  });
});
