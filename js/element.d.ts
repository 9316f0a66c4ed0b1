// 'maqal' defines <maqal-article> and exports nothing; the API's types are in maqal.d.ts.
/// <reference path="./maqal.d.ts" />
export {};
