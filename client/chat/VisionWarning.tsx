// Shown above the composer while the draft has images and the chosen model cannot see them:
// offers the person's usable models that can, or sending anyway (the model then gets a
// note that an image was there, server/ai/attachment-parts.ts). Sending is held until one
// is picked; the composer moves focus here when it is.
import type { Ref } from 'react';
import type { ModelOption } from './model-options';

interface Props {
  modelLabel: string;
  images: number;
  alternatives: readonly ModelOption[];
  onSwitch: (model: string) => void;
  onSendAnyway: () => void;
  ref?: Ref<HTMLDivElement>;
}

export function VisionWarning({ modelLabel, images, alternatives, onSwitch, onSendAnyway, ref }: Props) {
  const them = images === 1 ? 'the image is' : `the ${images} images are`;
  return (
    <div className="vision-warning" role="alert" ref={ref} data-testid="vision-warning">
      <p>
        <strong>{modelLabel} cannot see images</strong>, so it would get only a note that {them} there.{' '}
        {alternatives.length > 0
          ? 'Switch to a model that can, or send anyway.'
          : 'None of your models can: add a key for one that can in Settings, or send anyway.'}
      </p>
      <div className="vision-warning-actions">
        {alternatives.map((option) => (
          <button key={option.id} type="button" className="button button-small" onClick={() => onSwitch(option.id)}>
            Use {option.label}
          </button>
        ))}
        <button type="button" className="button button-small" onClick={onSendAnyway}>
          Send anyway
        </button>
      </div>
    </div>
  );
}
