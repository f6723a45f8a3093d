import type { ThreadRow } from "@contract/threads";
import { formatPhone } from "@web/app/phone";

type Props = {
  thread: ThreadRow;
  checked: boolean;
  onCheck: (id: number, checked: boolean, range: boolean) => void;
};

/** The tick beside an inbox row, for bulk actions; shift-click ticks the range from the last tick. */
export function RowCheckbox({ thread, checked, onCheck }: Props) {
  const name = thread.contact.name ?? (formatPhone(thread.contact.phone) || `contact ${thread.contact.id}`);
  return (
    <label className="row-check">
      <input
        type="checkbox"
        aria-label={`Select ${name}`}
        data-testid="row-check"
        checked={checked}
        onChange={(e) => {
          const native = e.nativeEvent as Partial<MouseEvent>;
          onCheck(thread.id, e.target.checked, native.shiftKey === true);
        }}
      />
    </label>
  );
}
