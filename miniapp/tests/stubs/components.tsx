/**
 * DOM stand-ins for @tarojs/components: enough of each component's props for the pages' behaviour
 * (class names, test ids, clicks, input) to show in jsdom.
 */
import type { CSSProperties, ReactNode } from 'react';

interface BaseProps {
  className?: string;
  style?: CSSProperties | string;
  children?: ReactNode;
  onClick?: (event: unknown) => void;
  'data-testid'?: string;
}

const styleOf = (style: BaseProps['style']) => (typeof style === 'string' ? undefined : style);

export function View({ className, style, children, onClick, ...rest }: BaseProps) {
  return (
    <div className={className} style={styleOf(style)} onClick={onClick} data-testid={rest['data-testid']}>
      {children}
    </div>
  );
}

export function Text({ className, style, children, onClick, ...rest }: BaseProps) {
  return (
    <span className={className} style={styleOf(style)} onClick={onClick} data-testid={rest['data-testid']}>
      {children}
    </span>
  );
}

export function Button({ className, children, onClick, disabled, loading, ...rest }: BaseProps & { disabled?: boolean; loading?: boolean; size?: string }) {
  return (
    <button type='button' className={className} disabled={disabled} aria-busy={loading} onClick={onClick} data-testid={rest['data-testid']}>
      {children}
    </button>
  );
}

export function Input({ className, value, placeholder, onInput, type }: BaseProps & { value?: string; placeholder?: string; type?: string; onInput?: (event: { detail: { value: string } }) => void }) {
  return (
    <input
      className={className}
      value={value}
      placeholder={placeholder}
      inputMode={type === 'digit' ? 'decimal' : undefined}
      onChange={(event) => onInput?.({ detail: { value: event.target.value } })}
    />
  );
}

export function Textarea({ className, value, placeholder, onInput }: BaseProps & { value?: string; placeholder?: string; onInput?: (event: { detail: { value: string } }) => void }) {
  return <textarea className={className} value={value} placeholder={placeholder} onChange={(event) => onInput?.({ detail: { value: event.target.value } })} />;
}

/** The page finds the node through Taro.createSelectorQuery (stubbed per test); this only marks where it is. */
export function Canvas({ className, id }: BaseProps & { id?: string; type?: string }) {
  return <canvas className={className} id={id} data-testid={id} />;
}

export function Image({ className, src }: BaseProps & { src: string; mode?: string }) {
  return <img className={className} src={src} alt='' />;
}
