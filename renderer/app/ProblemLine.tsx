import type { Problem } from '../sale/saleMachine.ts';
import { useT } from '../i18n/useT.ts';

export function ProblemLine({ problem }: { problem: Problem | null }) {
  const t = useT();
  if (!problem) return null;
  const text = 'error' in problem ? t.error(problem.error) : t(problem.message, problem.params);
  return (
    <p className="problem" role="alert" data-testid="problem">
      {text}
    </p>
  );
}
