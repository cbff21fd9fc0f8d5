// Tests are not read: a test may name the English text it expects.
declare function invalid(field: string, message: string): Error;
export const expected = invalid('numbers', 'At most 10 items per request.');
