// One till process per machine: the scanner and the printer can have only one owner, and two
// processes writing one journal could each believe it holds the only open payment.
import type { AppPort } from './ports.ts';

/**
 * Takes the lock, or quits at once when another till holds it (that till is told through its
 * 'second-instance' event and comes to the front). Returns whether this process may go on.
 */
export function claimSingleInstance(app: AppPort, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', onSecondInstance);
  return true;
}
