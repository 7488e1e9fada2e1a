/** The same words in each language the partnership uses: English required, Polish and Arabic optional. */
import { Field, TextArea } from '../components.tsx';
import { fieldId, type Problems } from './model.ts';
import { LANGUAGES, type Words } from './types.ts';

export function WordsFields(props: {
  /** What the words are, e.g. "Question 2 words"; each field adds its language. */
  label: string;
  words: Words;
  onWords: (words: Words) => void;
  /** JSON pointer of the words in the definition, e.g. /questions/k3/text. */
  pointer: string;
  problems: Problems;
  long?: boolean;
  maxLength?: number;
  hint?: string;
}) {
  const Input = props.long ? TextArea : Field;
  return (
    <div class={props.long ? undefined : 'row'}>
      {LANGUAGES.map((language) => (
        <Input
          key={language.tag}
          id={fieldId(`${props.pointer}/${language.tag}`)}
          label={`${props.label} (${language.name})`}
          hint={language.tag === 'en' ? props.hint : undefined}
          required={language.tag === 'en'}
          value={props.words[language.tag] ?? ''}
          onValue={(value) => props.onWords({ ...props.words, [language.tag]: value })}
          maxLength={props.maxLength ?? 500}
          error={props.problems.at(`${props.pointer}/${language.tag}`) ?? (language.tag === 'en' ? props.problems.at(props.pointer) : undefined)}
          lang={language.tag}
          dir={'dir' in language ? language.dir : undefined}
        />
      ))}
    </div>
  );
}
