/**
 * What Ant Design needs from a browser that jsdom lacks (media queries, resize observation), and the
 * portal's i18n in Chinese, as a first-time visitor sees it.
 */
import { TextDecoder, TextEncoder } from 'node:util';
import { initI18n } from '../src/i18n';

/**
 * Ant Design's form and select post to a MessageChannel to batch updates; jsdom has none. This one delivers on a
 * timer (Node's own would keep Jest's workers alive).
 */
class TimerMessageChannel {
  readonly port1: { onmessage: ((event: { data: unknown }) => void) | null; postMessage(data: unknown): void; close(): void };
  readonly port2: { onmessage: ((event: { data: unknown }) => void) | null; postMessage(data: unknown): void; close(): void };
  constructor() {
    const port = () => ({ onmessage: null as ((event: { data: unknown }) => void) | null, postMessage(_data: unknown) {}, close() {} });
    this.port1 = port();
    this.port2 = port();
    this.port1.postMessage = (data) => setTimeout(() => this.port2.onmessage?.({ data }), 0);
    this.port2.postMessage = (data) => setTimeout(() => this.port1.onmessage?.({ data }), 0);
  }
}
Object.assign(globalThis, { MessageChannel: TimerMessageChannel, TextEncoder, TextDecoder });

Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = NoopResizeObserver;

// Ant Design measures scrollbars through getComputedStyle with a pseudo-element, which jsdom does not implement.
const computedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => computedStyle(element);

initI18n('zh');
