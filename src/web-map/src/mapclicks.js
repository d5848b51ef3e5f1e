// One map tool at a time owns clicks on the map (picking a site, picking an isochrone origin, drawing a
// boundary). Claiming stops the previous owner first, so one click never starts two tools; while a tool
// owns the clicks the map container carries the class "picking", which also tells the feature popups
// (featureinfo.js) to stand aside.
let owner = null; // { name, release }

/** Gives map clicks to `name`; `release` is called if another tool claims them later. */
export function claimMapClicks(map, name, release) {
  if (owner && owner.name !== name) {
    const previous = owner;
    owner = null;
    previous.release();
  }
  owner = { name, release };
  map.getContainer().classList.add('picking');
}

/** Gives the clicks back (only if `name` still owns them). */
export function releaseMapClicks(map, name) {
  if (owner?.name !== name) return;
  owner = null;
  map.getContainer().classList.remove('picking');
}
