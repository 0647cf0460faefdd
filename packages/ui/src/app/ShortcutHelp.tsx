import { Dialog } from '../components/Dialog.js';
import { GO_TARGETS } from './shortcuts.js';

export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const rows: [string, string][] = [
    ['w', 'Focus the Worker switcher (type to search, ↑ ↓ to move, Enter to switch)'],
    ['/', 'Focus the search field of the page'],
    ['?', 'Show this help'],
    ...Object.entries(GO_TARGETS).map(([key, target]): [string, string] => [`g then ${key}`, target.label]),
    ['Esc', 'Close a dialog or the worker list'],
  ];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="cp-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([keys, action]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
