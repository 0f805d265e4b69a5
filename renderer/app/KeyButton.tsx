// A button that shows the key that presses it. It never takes the focus: the keyboard belongs to
// the screen's key map, and a focused button would turn the next Enter into its own click.
import type { ReactNode } from 'react';

export type KeyButtonProps = {
  keyLabel?: string;
  onPress: () => void;
  tone?: 'primary' | 'danger' | 'plain' | 'current';
  disabled?: boolean;
  children: ReactNode;
  testId?: string;
};

export function KeyButton({ keyLabel, onPress, tone = 'plain', disabled = false, children, testId }: KeyButtonProps) {
  return (
    <button
      type="button"
      className={`key-button key-button--${tone}`}
      tabIndex={-1}
      disabled={disabled}
      data-testid={testId}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onPress}
    >
      {keyLabel && <kbd>{keyLabel}</kbd>}
      <span>{children}</span>
    </button>
  );
}
