// What README tells a Vite, webpack or Rollup user to write: the element, defined on import.
import 'maqal';
