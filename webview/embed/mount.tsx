// Puts a live plot of a scenario's text into an element of a page that is not ours (the Markdown
// preview, a notebook output). The text is data: it is only ever parsed as JSON and shown as text.
import 'uplot/dist/uPlot.min.css';
import './embed.css';
import { render } from 'preact';
import { ExerciseSummary, readEmbedExercise } from './ExerciseSummary';
import { ScenarioEmbed } from './ScenarioEmbed';

export interface EmbedOptions {
  /** Loads the scenario into the playground (offered where the block is not computed, and by `openButton`). */
  readonly onOpenInPlayground?: () => void;
  /** A standing "Open in Playground" button under the plot (notebooks: a Markdown block has its own link). */
  readonly openButton?: boolean;
}

/** Renders the plot into `host`; the returned function removes it (and stops its animation). */
export function mountEmbed(host: HTMLElement, text: string, options: EmbedOptions = {}): () => void {
  let paints = 0;
  const exercise = readEmbedExercise(text);
  render(
    <ScenarioEmbed
      text={text}
      readOnly={exercise !== null}
      header={exercise ? (run) => <ExerciseSummary reading={exercise} run={run} /> : undefined}
      onOpenInPlayground={options.onOpenInPlayground}
      openButton={options.openButton}
      onPainted={() => {
        // Tests wait on this: a plot painted at least once.
        host.dataset.painted = String(++paints);
      }}
    />,
    host,
  );
  return () => render(null, host);
}
