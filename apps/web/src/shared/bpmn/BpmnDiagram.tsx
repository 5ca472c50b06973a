import { ExpandOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { LoadingBlock } from '../components/LoadingBlock';
import { useT } from '../i18n/LocaleProvider';
import './bpmn.css';

/** A note on an element, drawn above its shape. */
export interface DiagramBadge {
  elementId: string;
  text: string;
}

/** A CSS class put on an element's shape (see bpmn.css: zt-bpmn-active, zt-bpmn-done). */
export interface DiagramMarker {
  elementId: string;
  marker: string;
}

const noMarkers: readonly DiagramMarker[] = [];

// The parts of diagram-js services used here (bpmn-js types them through diagram-js, which is
// not a direct dependency of the web app).
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Canvas {
  viewbox(): Box & { inner: Box; outer: { width: number; height: number } };
  viewbox(box: Box): void;
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
  scrollToElement(element: string, padding?: number): void;
}
interface Overlays {
  add(
    element: string,
    type: string,
    overlay: { position: { top?: number; left?: number }; html: HTMLElement },
  ): string;
  remove(filter: { type: string }): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}
interface EventBus {
  on(event: string, callback: (event: { element: { id: string; type: string } }) => void): void;
}

const badgeType = 'zt-badge';
const selectedMarker = 'zt-bpmn-selected';

/** Room around the diagram: more above, where the badges go. */
const margin = { top: 40, side: 24 };

/** Fits the diagram into the box with its badges, but never larger than its natural size. */
function fit(canvas: Canvas): void {
  const { inner, outer } = canvas.viewbox();
  if (!(inner.width > 0 && outer.width > 0 && outer.height > 0)) return;
  const scale = Math.min(
    1,
    outer.width / (inner.width + 2 * margin.side),
    outer.height / (inner.height + margin.top + margin.side),
  );
  const width = outer.width / scale;
  const height = outer.height / scale;
  canvas.viewbox({
    x: inner.x - (width - inner.width) / 2,
    // centred, shifted down by half the extra room on top
    y: inner.y - (height - inner.height) / 2 - (margin.top - margin.side) / 2,
    width,
    height,
  });
}

type Rendering = { xml: string } & (
  { status: 'ready' } | { status: 'failed'; error: unknown; noDiagram: boolean }
);

/**
 * A BPMN diagram drawn with bpmn-js's NavigatedViewer (pan and zoom, nothing to edit), zoomed to
 * fit when loaded. `badges` annotate elements; `selected` is highlighted and scrolled to;
 * clicking an element reports it through `onSelect`.
 */
export function BpmnDiagram({
  xml,
  label,
  caption,
  badges,
  selected,
  onSelect,
  markers = noMarkers,
  compact = false,
}: {
  xml: string;
  /** what the diagram shows, for assistive technology */
  label: string;
  /** shown below the diagram, beside the fit button */
  caption?: ReactNode;
  badges: readonly DiagramBadge[];
  selected?: string | undefined;
  onSelect?: ((elementId: string) => void) | undefined;
  /** classes on elements' shapes */
  markers?: readonly DiagramMarker[];
  /** a lower frame, for a card beside other content */
  compact?: boolean;
}) {
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  const [rendering, setRendering] = useState<Rendering>();
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  // One viewer per XML, destroyed with it (and on unmount).
  useEffect(() => {
    if (!container.current) return;
    const instance = new NavigatedViewer({ container: container.current });
    viewer.current = instance;
    let current = true;
    instance.get<EventBus>('eventBus').on('element.click', ({ element }) => {
      if (element.type !== 'bpmn:Process') onSelectRef.current?.(element.id);
    });
    instance
      .importXML(xml)
      .then(() => {
        if (!current) return;
        fit(instance.get<Canvas>('canvas'));
        setRendering({ xml, status: 'ready' });
      })
      .catch((error: unknown) => {
        if (!current) return;
        const text = error instanceof Error ? error.message : String(error);
        setRendering({ xml, status: 'failed', error, noDiagram: /no diagram/i.test(text) });
      });
    return () => {
      current = false;
      viewer.current = null;
      instance.destroy();
    };
  }, [xml]);

  const ready = rendering?.xml === xml && rendering.status === 'ready';

  useEffect(() => {
    const instance = viewer.current;
    if (!ready || !instance) return;
    const overlays = instance.get<Overlays>('overlays');
    const registry = instance.get<ElementRegistry>('elementRegistry');
    overlays.remove({ type: badgeType });
    for (const { elementId, text } of badges) {
      if (!registry.get(elementId)) continue;
      const badge = document.createElement('div');
      badge.className = 'zt-bpmn-badge';
      badge.textContent = text;
      overlays.add(elementId, badgeType, { position: { top: -24, left: 0 }, html: badge });
    }
  }, [ready, badges]);

  useEffect(() => {
    const instance = viewer.current;
    if (!ready || !instance) return;
    const canvas = instance.get<Canvas>('canvas');
    const registry = instance.get<ElementRegistry>('elementRegistry');
    const shown = markers.filter((m) => registry.get(m.elementId));
    for (const { elementId, marker } of shown) canvas.addMarker(elementId, marker);
    return () => {
      for (const { elementId, marker } of shown) canvas.removeMarker(elementId, marker);
    };
  }, [ready, markers]);

  useEffect(() => {
    const instance = viewer.current;
    if (!ready || !instance || !selected) return;
    const canvas = instance.get<Canvas>('canvas');
    if (!instance.get<ElementRegistry>('elementRegistry').get(selected)) return;
    canvas.addMarker(selected, selectedMarker);
    canvas.scrollToElement(selected, 80);
    return () => canvas.removeMarker(selected, selectedMarker);
  }, [ready, selected]);

  const failed = rendering?.xml === xml && rendering.status === 'failed' ? rendering : undefined;
  const loading = rendering?.xml !== xml;

  return (
    <div className={compact ? 'zt-bpmn zt-bpmn-compact' : 'zt-bpmn'}>
      {failed &&
        (failed.noDiagram ? (
          <Alert
            type="info"
            showIcon
            title={t('workflowAdmin.detail.noDiagram')}
            description={t('workflowAdmin.detail.noDiagramDetail')}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('workflowAdmin.detail.diagramFailed')}
            description={failed.error instanceof Error ? failed.error.message : undefined}
          />
        ))}
      <div className="zt-bpmn-frame" style={failed ? { display: 'none' } : undefined}>
        {loading && (
          <div className="zt-bpmn-loading">
            <LoadingBlock label={t('workflowAdmin.detail.diagramLoading')} />
          </div>
        )}
        <div ref={container} className="zt-bpmn-canvas" role="img" aria-label={label} />
      </div>
      {!failed && (
        <div className="zt-bpmn-footer">
          <div className="zt-muted">{caption}</div>
          <Button
            size="small"
            icon={<ExpandOutlined aria-hidden />}
            disabled={!ready}
            onClick={() => {
              const canvas = viewer.current?.get<Canvas>('canvas');
              if (canvas) fit(canvas);
            }}
          >
            {t('workflowAdmin.detail.fit')}
          </Button>
        </div>
      )}
    </div>
  );
}
