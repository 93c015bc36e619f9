import { InitialSchema1764000000000 } from './InitialSchema1764000000000';

export const MIGRATIONS = [InitialSchema1764000000000];
