import { createElement } from 'lwc';
import Keypad from '../keypad';

describe('softphone-keypad', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('renders twelve labelled keys and fires `digit` with the pressed key', () => {
    const element = createElement('softphone-keypad', { is: Keypad });
    const pressed: string[] = [];
    element.addEventListener('digit', (event: Event) =>
      pressed.push((event as CustomEvent<{ digit: string }>).detail.digit),
    );
    document.body.appendChild(element);

    const keys = [...element.querySelectorAll<HTMLButtonElement>('button.softphone-key')];
    expect(keys.map((key) => key.dataset.digit)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
    expect(keys[1]?.getAttribute('aria-label')).toBe('Key 2');

    keys[1]?.click();
    keys[11]?.click();
    expect(pressed).toEqual(['2', '#']);
  });
});
