import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import arrowDownward from '../../../node_modules/dkfds/dist/img/svg-icons/arrow-downward.svg?raw';
import arrowUpward from '../../../node_modules/dkfds/dist/img/svg-icons/arrow-upward.svg?raw';
import chevronRight from '../../../node_modules/dkfds/dist/img/svg-icons/chevron-right.svg?raw';
import close from '../../../node_modules/dkfds/dist/img/svg-icons/close.svg?raw';
import document from '../../../node_modules/dkfds/dist/img/svg-icons/document.svg?raw';
import error from '../../../node_modules/dkfds/dist/img/svg-icons/error.svg?raw';
import info from '../../../node_modules/dkfds/dist/img/svg-icons/info.svg?raw';
import language from '../../../node_modules/dkfds/dist/img/svg-icons/language.svg?raw';
import link from '../../../node_modules/dkfds/dist/img/svg-icons/link.svg?raw';
import lock from '../../../node_modules/dkfds/dist/img/svg-icons/lock.svg?raw';
import menu from '../../../node_modules/dkfds/dist/img/svg-icons/menu.svg?raw';
import person from '../../../node_modules/dkfds/dist/img/svg-icons/person.svg?raw';
import plus from '../../../node_modules/dkfds/dist/img/svg-icons/plus.svg?raw';
import success from '../../../node_modules/dkfds/dist/img/svg-icons/success.svg?raw';
import warning from '../../../node_modules/dkfds/dist/img/svg-icons/warning.svg?raw';

/**
 * The few icons of Det Fælles Designsystem the client uses, inlined (a few hundred bytes each).
 * Imported by relative path (the package exports only its JS), which the unit tests resolve too.
 */
const ICONS = {
  'arrow-downward': arrowDownward,
  'arrow-upward': arrowUpward,
  'chevron-right': chevronRight,
  close,
  document,
  error,
  info,
  language,
  link,
  lock,
  menu,
  person,
  plus,
  success,
  warning,
};
export type IconName = keyof typeof ICONS;

/** A decorative icon: hidden from assistive technology, coloured by the text colour. */
export function icon(name: IconName, classes = '') {
  return unsafeHTML(
    ICONS[name].replace('<svg ', `<svg class="icon-svg ${classes}" aria-hidden="true" focusable="false" `),
  );
}
