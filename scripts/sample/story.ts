import type { SampleRequest } from './event';
import { noiseSteps } from './noise';
import { peopleSteps } from './people';

/*
 * The sample's story on cluster prod-eu: a morning of ordinary cluster noise, with the changes a person made
 * that the team wants to see. Order is chronological. Every `alert: true` entry is what the default rules are
 * meant to report; everything else is noise they must stay quiet on (see samples/README.md).
 */

export interface StoryStep {
  readonly alert: boolean;
  readonly note: string;
  readonly request: SampleRequest;
}

/** How noise (n) and people's steps (p) interleave, in time order. */
const ORDER = 'nnnnnnnnnnnnppppppnnppppnnpppppnnpppppnppppppppnn';

/** The whole story in time order. */
export const story: readonly StoryStep[] = interleave();

function interleave(): StoryStep[] {
  const queues = { n: [...noiseSteps], p: [...peopleSteps] };
  const steps = [...ORDER].map((kind) => queues[kind as 'n' | 'p'].shift());
  if (queues.n.length + queues.p.length > 0) throw new Error('ORDER does not cover every step');
  return steps.filter((step): step is StoryStep => step !== undefined);
}
