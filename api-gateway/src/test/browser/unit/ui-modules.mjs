// The web UI's plain modules, imported straight from the gateway's static folder.
const base = new URL('../../../main/resources/static/ui/js/', import.meta.url);
export const load = (name) => import(new URL(name, base).href);
