import { labels } from '../labels';

export const heading = (): string => labels.Missing_In_Package;
