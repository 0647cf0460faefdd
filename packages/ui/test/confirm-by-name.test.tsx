import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/errors.js';
import { ConfirmByName } from '../src/components/ConfirmByName.js';

describe('confirm by typing the worker name', () => {
  afterEach(cleanup);

  it('enables the action only for the exact worker name', async () => {
    const confirmed: string[] = [];
    let closed = 0;
    render(
      <ConfirmByName
        title="Delete key"
        actionLabel="Delete"
        expected="EU West"
        onConfirm={async () => {
          confirmed.push('yes');
        }}
        onClose={() => {
          closed += 1;
        }}
      >
        <p>Delete billing-service?</p>
      </ConfirmByName>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Delete key' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const input = screen.getByLabelText(/to confirm/);
    expect(document.activeElement).toBe(input);
    const button = screen.getByRole('button', { name: 'Delete' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);

    fireEvent.change(input, { target: { value: 'eu west' } });
    expect(button.disabled).toBe(true);
    fireEvent.change(input, { target: { value: 'US East' } });
    expect(button.disabled).toBe(true);
    fireEvent.submit(button.form as HTMLFormElement);
    expect(confirmed).toEqual([]);

    fireEvent.change(input, { target: { value: 'EU West' } });
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    await waitFor(() => expect(closed).toBe(1));
    expect(confirmed).toEqual(['yes']);
  });

  it('stays open with the error when the action fails, and closes on Escape', async () => {
    let closed = 0;
    render(
      <ConfirmByName
        title="Delete team"
        actionLabel="Delete"
        expected="AP South"
        onConfirm={() =>
          Promise.reject(
            new ApiError({
              status: 502,
              code: 'worker_unreachable',
              message: 'AP South did not answer',
              requestId: 'req-77',
              workerId: 'ap-south',
            }),
          )
        }
        onClose={() => {
          closed += 1;
        }}
      >
        <p>Delete?</p>
      </ConfirmByName>,
    );
    fireEvent.change(screen.getByLabelText(/to confirm/), { target: { value: 'AP South' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('AP South did not answer');
    expect(alert.textContent).toContain('req-77');
    expect(closed).toBe(0);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(closed).toBe(1);
  });
});
