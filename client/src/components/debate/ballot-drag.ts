import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Drag and drop of the ballot's scenarios (issue 9 item 4: out of the editor): native HTML5 drag
 * and drop for the mouse, pointer events on the handle for touch and pen. Both end in `onDrop(id,
 * target)`, where a target is a scenario's id, `'end'` (the ranked list's end) or `'unranked'`.
 * Drop targets are the host's elements with `data-drop`.
 */
export class BallotDragController implements ReactiveController {
  /** The scenario being dragged, and the target under it (for the styles). */
  dragId: string | null = null;
  dropTarget: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onDrop: (id: string, target: string) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.dragId = null;
    this.dropTarget = null;
  }

  private _set(dragId: string | null, dropTarget: string | null): void {
    this.dragId = dragId;
    this.dropTarget = dropTarget;
    this.host.requestUpdate();
  }

  dragStart(e: DragEvent, id: string): void {
    this._set(id, null);
    e.dataTransfer?.setData('text/plain', id);
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
  }

  dragEnd(): void {
    this._set(null, null);
  }

  dragOver(e: DragEvent, target: string): void {
    if (!this.dragId) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
    if (this.dropTarget !== target) this._set(this.dragId, target);
  }

  drop(e: DragEvent, target: string): void {
    e.preventDefault();
    e.stopPropagation();
    this._finish(this.dragId ?? e.dataTransfer?.getData('text/plain') ?? null, target);
  }

  pointerDown(e: PointerEvent, id: string): void {
    if (e.pointerType === 'mouse') return; // The mouse uses native drag and drop.
    e.preventDefault();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    this._set(id, null);
  }

  readonly pointerMove = (e: PointerEvent): void => {
    if (!this.dragId || e.pointerType === 'mouse') return;
    this._set(this.dragId, this._targetAt(e.clientX, e.clientY));
  };

  readonly pointerUp = (e: PointerEvent): void => {
    if (!this.dragId || e.pointerType === 'mouse') return;
    this._finish(this.dragId, this._targetAt(e.clientX, e.clientY));
  };

  /** The system took the touch back (a gesture, a call): the drag ends where it began. */
  readonly pointerCancel = (e: PointerEvent): void => {
    if (e.pointerType === 'mouse') return;
    this._finish(null, null);
  };

  private _finish(id: string | null, target: string | null): void {
    this._set(null, null);
    if (id && target !== null) this.onDrop(id, target);
  }

  private _targetAt(x: number, y: number): string | null {
    const el = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-drop]');
    return el && this.host.contains(el) ? el.dataset['drop']! : null;
  }
}
