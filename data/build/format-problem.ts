import type { Problem } from '../format/checks';

/** One line saying where a problem is (file › id › field) and what it is. */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.id, problem.field].filter(Boolean).join(' › ');
  return where ? `${where}: ${problem.message}` : problem.message;
}
