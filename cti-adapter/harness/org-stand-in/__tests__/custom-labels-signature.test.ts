import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CUSTOM_LABELS_FILE, CustomLabelCatalog } from '../custom-labels';

const PACKAGE = join(__dirname, '..', '..', '..', '..', 'force-app', 'main', 'default');

describe('CustomLabelCatalog.folderSignature', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'labels-'));
    cpSync(join(PACKAGE, 'labels'), join(dir, 'labels'), { recursive: true });
    cpSync(join(PACKAGE, 'translations'), join(dir, 'translations'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stays the same while no label or translation file changes', () => {
    expect(CustomLabelCatalog.folderSignature(dir)).toBe(CustomLabelCatalog.folderSignature(dir));
  });

  it('changes when a label is edited, and the catalog read then has the new value', () => {
    const before = CustomLabelCatalog.folderSignature(dir);
    const file = join(dir, CUSTOM_LABELS_FILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('<value>Answer</value>', '<value>Pick up</value>'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(CustomLabelCatalog.folderSignature(dir)).not.toBe(before);
    expect(CustomLabelCatalog.fromFolder(dir).value('Answer', 'en_US')).toBe('Pick up');
  });

  it('changes when a translation file is added or removed', () => {
    const before = CustomLabelCatalog.folderSignature(dir);
    rmSync(join(dir, 'translations', 'fr.translation-meta.xml'));
    expect(CustomLabelCatalog.folderSignature(dir)).not.toBe(before);
  });
});
