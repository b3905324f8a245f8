import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A labelled form row with the problem to fix under it. */
export function FormField({ label, problem, children, testId }: { label?: string; problem?: string | null; children: ReactNode; testId?: string }) {
  return (
    <View className='form-field' data-testid={testId}>
      {label ? <Text className='form-field__label'>{label}</Text> : null}
      {children}
      {problem ? <Text className='form-field__problem'>{problem}</Text> : null}
    </View>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit';
  problem?: string | null;
  /** Several lines of free text (a reason, a description), at most maxLength characters. */
  multiline?: { maxLength: number };
  onChange: (value: string) => void;
}

export function TextField({ label, value, placeholder, type = 'text', problem, multiline, onChange }: TextFieldProps) {
  return (
    <FormField label={label} problem={problem}>
      {multiline ? (
        <Textarea className='form-field__textarea' value={value} placeholder={placeholder} maxlength={multiline.maxLength} onInput={(event) => onChange(event.detail.value)} />
      ) : (
        <Input className='form-field__input' type={type} value={value} placeholder={placeholder} onInput={(event) => onChange(event.detail.value)} />
      )}
    </FormField>
  );
}

export interface Option<T> {
  value: T;
  label: string;
}

/** A row of mutually exclusive choices (tabs, filters, yes/no). */
export function Segmented<T extends string | number | boolean>({ options, value, onChange, testId }: { options: readonly Option<T>[]; value: T; onChange: (value: T) => void; testId?: string }) {
  return (
    <View className='segmented' data-testid={testId}>
      {options.map((option) => (
        <View key={String(option.value)} className={`segmented__item ${option.value === value ? 'segmented__item--active' : ''}`} onClick={() => onChange(option.value)}>
          <Text>{option.label}</Text>
        </View>
      ))}
    </View>
  );
}

export function Checkbox({ checked, label, onChange, testId }: { checked: boolean; label: string; onChange: (checked: boolean) => void; testId?: string }) {
  return (
    <View className='checkbox' data-testid={testId} onClick={() => onChange(!checked)}>
      <View className={`checkbox__box ${checked ? 'checkbox__box--checked' : ''}`}>{checked ? <Text>✓</Text> : null}</View>
      <Text className='checkbox__label'>{label}</Text>
    </View>
  );
}
