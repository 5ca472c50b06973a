import type { Application, ImplementationListVersion } from '@zhengtong/contracts';

/** What every step's modal gets: the application, the list version, and what to do after. */
export interface StepModalProps {
  open: boolean;
  application: Application;
  /** the implementation list's version in force; null when it could not be read */
  version: ImplementationListVersion | null;
  onClose: () => void;
  /** the step went through; the application as the server now has it */
  onDone: (application: Application) => void;
}
