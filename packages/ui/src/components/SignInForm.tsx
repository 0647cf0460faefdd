import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { ApiError } from '../api/errors.js';
import { useAction } from '../hooks/useAction.js';
import { TextField } from './Fields.js';
import { ErrorState } from './States.js';

export type Credentials = { username: string; password: string };

/** Every field is required; a sign-in form marks none of them. */
const REQUIRED = { required: true, requiredMark: false } as const;

/**
 * Username, password and a submit button that says it is busy. `onSignIn` throws to report a failure,
 * shown above the button with the title `errorTitle` gives it.
 */
export function SignInForm({
  initialUsername = '',
  focusUsername,
  onSignIn,
  errorTitle,
  submitLabel,
  busyLabel,
  buttonClassName = 'cp-button cp-button-primary',
  hidden,
}: {
  initialUsername?: string;
  /** Put the cursor in the username field on first render. */
  focusUsername?: boolean;
  onSignIn(credentials: Credentials): Promise<void>;
  errorTitle(error: ApiError): string;
  submitLabel: ReactNode;
  busyLabel: ReactNode;
  buttonClassName?: string;
  hidden?: boolean;
}) {
  const errorId = useId();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const signIn = useAction();
  const usernameInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusUsername) usernameInput.current?.focus();
  }, [focusUsername]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn.run(() => onSignIn({ username, password }));
  };

  return (
    <form
      onSubmit={submit}
      className="cp-form"
      hidden={hidden}
      aria-describedby={signIn.error ? errorId : undefined}
    >
      <TextField
        {...REQUIRED}
        label="Username"
        name="username"
        autoComplete="username"
        ref={usernameInput}
        value={username}
        onChange={setUsername}
      />
      <TextField
        {...REQUIRED}
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
      {signIn.error ? (
        <div id={errorId}>
          <ErrorState error={signIn.error} title={errorTitle(signIn.error)} compact />
        </div>
      ) : null}
      <button type="submit" className={buttonClassName} disabled={signIn.busy}>
        {signIn.busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
