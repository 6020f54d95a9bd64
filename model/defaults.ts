// Where things are by default: named by commands before they load the layer that uses them (`zwgk --help` shows them).
export const DEFAULT_DB_PATH = './data/zwgk.db';
