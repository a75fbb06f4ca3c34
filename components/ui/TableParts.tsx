import Chip, { type ChipProps } from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";

/** A table's head from its column titles; `actions` adds an untitled last column for buttons. */
export function HeadRow({ titles, actions = false }: { titles: readonly string[]; actions?: boolean }) {
  return (
    <TableHead>
      <TableRow>
        {titles.map((title) => (
          <TableCell key={title}>{title}</TableCell>
        ))}
        {actions && <TableCell />}
      </TableRow>
    </TableHead>
  );
}

/**
 * One chip per state with how many rows are in it ("Fehlgeschlagen: 2"), coloured only when the
 * count is not zero, so the eye goes to what has rows.
 */
export function CountChips<S extends string>({
  states,
  counts,
  colour,
  label,
}: {
  states: readonly S[];
  counts: Record<S, number>;
  colour: Record<S, ChipProps["color"]>;
  label: (state: S, count: number) => string;
}) {
  return (
    <Stack direction="row" spacing={1} sx={{ mb: 2, flexWrap: "wrap" }}>
      {states.map((state) => (
        <Chip
          key={state}
          size="small"
          color={counts[state] > 0 ? colour[state] : "default"}
          label={label(state, counts[state])}
        />
      ))}
    </Stack>
  );
}
