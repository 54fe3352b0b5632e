// Files dropped onto a part of the page attach to its composer's draft: the handlers for
// that part (a thread, the home screen), so both take drops the same way.
import type { DragEvent } from 'react';

export function fileDrop(onFiles: (files: File[]) => void) {
  return {
    onDragOver: (event: DragEvent) => {
      // Saying yes to a drag of files is what lets them be dropped here.
      if (event.dataTransfer.types.includes('Files')) event.preventDefault();
    },
    onDrop: (event: DragEvent) => {
      if (event.dataTransfer.files.length === 0) return;
      event.preventDefault();
      onFiles(Array.from(event.dataTransfer.files));
    },
  };
}
