export const DEFAULT_DB_PATH = './data/zwgk.db';
