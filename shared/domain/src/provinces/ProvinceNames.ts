import type { EntityKind } from '../model';

/** The names one province code gives rise to, derived in one place so that nothing spells them by hand. */
export interface ProvinceNames {
  readonly code: string;
  /** GraphQL type prefix: Zhejiang (ZhejiangPort, ZhejiangRoute, ...). */
  readonly typePrefix: string;
  /** Root field and subgraph name: zhejiang. */
  readonly field: string;
  /** The province's own database in production: yrd_zhejiang. */
  readonly database: string;
  typeName(kind: EntityKind): string;
}

export function provinceNames(code: string): ProvinceNames {
  if (!/^[A-Z][A-Z_]*$/.test(code)) throw new Error(`province code must be upper case letters, got "${code}"`);
  const field = code.toLowerCase();
  const typePrefix = field.replace(/(^|_)([a-z])/g, (_m, _sep: string, c: string) => c.toUpperCase());
  return {
    code,
    typePrefix,
    field,
    database: `yrd_${field}`,
    typeName: (kind) => `${typePrefix}${kind}`,
  };
}
