export const archive = 1;
