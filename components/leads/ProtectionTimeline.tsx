"use client";

import Box from "@mui/material/Box";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import { useTheme } from "@mui/material/styles";
import Typography from "@mui/material/Typography";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import type { TLead, TLeadTimeline } from "./leadQueries";
import { buildTimeline, monthTicks, type TimelineEvent, type TimelineModel } from "./timelineModel";

const LANE = 46;
const BAR = 14;
const TOP = 30;
const AXIS = 28;
/** Room a short date ("30.12.26", 11 px) needs beside a bar. */
const END_LABEL_WIDTH = 56;

/** The width of an element, following it as the window changes. */
function useWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/**
 * Why the lead is protected until when: the current assignment's base term, progress term,
 * protection and grace on one time axis, with the activities, holds and extensions that moved them,
 * and today. Below it, the same events as a list for screen readers and small screens.
 */
export function ProtectionTimeline({
  lead,
  timeline,
  now,
}: {
  lead: TLead;
  timeline: TLeadTimeline;
  now: number;
}) {
  const t = useTranslations("leads.timeline");
  const model = buildTimeline(lead, timeline, now);
  return (
    <Box>
      {model.protection ? (
        <TimelineChart model={model} now={now} />
      ) : (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t("noProtection")}
        </Typography>
      )}
      <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
        {t("listTitle")}
      </Typography>
      <EventList events={model.events} now={now} />
    </Box>
  );
}

function TimelineChart({ model, now }: { model: TimelineModel; now: number }) {
  const t = useTranslations("leads.timeline");
  const format = useFormatter();
  const theme = useTheme();
  const [ref, width] = useWidth<HTMLDivElement>(720);
  const p = model.protection!;
  const x = (at: number) => ((at - model.from) / (model.to - model.from)) * width;
  const date = (at: number) => format.dateTime(new Date(at), { dateStyle: "short" });
  const ms = (iso: string) => Date.parse(iso);

  const lanes = ["protection", "base", "progress", "activities", "holds", "extensions"] as const;
  const laneY = (lane: (typeof lanes)[number]) => TOP + lanes.indexOf(lane) * LANE;
  const height = TOP + lanes.length * LANE + AXIS;
  const colour = {
    active: theme.palette.success.main,
    grace: theme.palette.warning.main,
    term: theme.palette.success.light,
    hold: theme.palette.info.main,
    muted: theme.palette.grey[500],
    today: theme.palette.error.main,
    text: theme.palette.text.primary,
    secondary: theme.palette.text.secondary,
    grid: theme.palette.divider,
  };

  /** A light outline behind text, so it stays legible where it crosses a bar or a line. */
  const halo = {
    stroke: theme.palette.background.paper,
    strokeWidth: 3,
    paintOrder: "stroke",
    strokeLinejoin: "round",
  } as const;

  /**
   * A date at the end of a bar: beside the bar where there is room, otherwise just below it, ending
   * where the bar ends (in the gap before the next lane's label), so it never covers the bar or
   * the lane's label, however long that is (a phone's narrow chart).
   */
  const endLabel = (at: number, y: number, text: string) => {
    const beside = x(at) + 4 + END_LABEL_WIDTH <= width;
    return (
      <text
        x={beside ? x(at) + 4 : Math.min(x(at), width - 2)}
        y={beside ? y + BAR - 3 : y + BAR + 12}
        fontSize={11}
        textAnchor={beside ? "start" : "end"}
        fill={colour.text}
        {...halo}
      >
        {text}
      </text>
    );
  };
  const laneLabel = (lane: (typeof lanes)[number], text: string) => (
    <text x={2} y={laneY(lane) - 4} fontSize={12} fontWeight={600} fill={colour.secondary} {...halo}>
      {text}
    </text>
  );
  const bar = (from: number, to: number, y: number, fill: string, title: string, dashed = false) => (
    <rect
      x={x(from)}
      y={y}
      width={Math.max(2, x(to) - x(from))}
      height={BAR}
      rx={3}
      fill={dashed ? "none" : fill}
      stroke={fill}
      strokeDasharray={dashed ? "4 3" : undefined}
    >
      <title>{title}</title>
    </rect>
  );

  const assignedAt = ms(p.assignedAt);
  const lastProgress = ms(p.lastQualActivityAt ?? p.assignedAt);
  const ticks = monthTicks(model.from, model.to, Math.max(2, Math.floor(width / 80)));
  const activities = model.events.filter((e) => e.type === "activity");
  const extensions = model.events.filter(
    (e) => e.type === "extensionRequested" || e.type === "extensionDecided",
  );

  return (
    <Box ref={ref} sx={{ width: "100%", overflow: "hidden" }}>
      <svg
        width={width}
        height={height}
        role="img"
        aria-labelledby="timeline-title timeline-desc"
        style={{ display: "block", fontFamily: "inherit" }}
      >
        <title id="timeline-title">{t("chartTitle")}</title>
        <desc id="timeline-desc">
          {t("chartDescription", { validUntil: date(ms(p.validUntil)), graceUntil: date(ms(p.graceUntil)) })}
        </desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={TOP - 14} y2={height - AXIS} stroke={colour.grid} />
            <text
              x={x(tick)}
              y={height - AXIS + 16}
              fontSize={11}
              textAnchor={x(tick) > width - 24 ? "end" : x(tick) < 24 ? "start" : "middle"}
              fill={colour.secondary}
            >
              {format.dateTime(new Date(tick), { month: "short", year: "2-digit" })}
            </text>
          </g>
        ))}

        {laneLabel("protection", t("lanes.protection"))}
        {bar(
          assignedAt,
          ms(p.validUntil),
          laneY("protection"),
          colour.active,
          t("protectedUntil", { date: date(ms(p.validUntil)) }),
        )}
        {bar(
          ms(p.validUntil),
          ms(p.graceUntil),
          laneY("protection"),
          colour.grace,
          t("graceUntil", { date: date(ms(p.graceUntil)) }),
        )}
        {endLabel(ms(p.graceUntil), laneY("protection"), date(ms(p.graceUntil)))}

        {laneLabel("base", t("lanes.base", { days: p.extensionDays }))}
        {bar(assignedAt, ms(p.baseUntil), laneY("base"), colour.term, t("deadlines.baseUntil"))}
        {endLabel(ms(p.baseUntil), laneY("base"), date(ms(p.baseUntil)))}

        {laneLabel("progress", t("lanes.progress"))}
        {bar(lastProgress, ms(p.progressUntil), laneY("progress"), colour.term, t("deadlines.progressUntil"))}
        {endLabel(ms(p.progressUntil), laneY("progress"), date(ms(p.progressUntil)))}

        {laneLabel("activities", t("lanes.activities"))}
        {activities.map((a, i) =>
          a.type === "activity" ? (
            <circle
              key={i}
              cx={x(a.at)}
              cy={laneY("activities") + BAR / 2}
              r={6}
              fill={a.counts ? colour.active : theme.palette.background.paper}
              stroke={a.counts ? colour.active : colour.muted}
              strokeWidth={2}
            >
              <title>{`${date(a.at)}: ${t(`kinds.${a.kind}` as "kinds.NOTE")}`}</title>
            </circle>
          ) : null,
        )}

        {laneLabel("holds", t("lanes.holds"))}
        {model.holds.map((h, i) =>
          h.end === null ? (
            <g key={i}>
              {bar(h.start, now, laneY("holds"), colour.hold, t("holdOpen", { date: date(h.start) }), true)}
            </g>
          ) : (
            <g key={i}>
              {bar(
                h.start,
                h.end,
                laneY("holds"),
                colour.hold,
                t("holdClosed", { from: date(h.start), to: date(h.end) }),
              )}
            </g>
          ),
        )}

        {laneLabel("extensions", t("lanes.extensions"))}
        {extensions.map((e, i) => {
          const cx = x(e.at);
          const cy = laneY("extensions") + BAR / 2;
          const fill =
            e.type === "extensionDecided"
              ? e.approved
                ? colour.active
                : colour.muted
              : theme.palette.background.paper;
          const stroke = e.type === "extensionDecided" ? fill : colour.grace;
          return (
            <g key={i}>
              <path
                d={`M ${cx} ${cy - 7} L ${cx + 7} ${cy} L ${cx} ${cy + 7} L ${cx - 7} ${cy} Z`}
                fill={fill}
                stroke={stroke}
                strokeWidth={2}
              >
                <title>{`${date(e.at)}: ${t(e.type === "extensionDecided" ? (e.approved ? "extensionApproved" : "extensionDenied") : "extensionRequested", { days: e.days })}`}</title>
              </path>
            </g>
          );
        })}

        <line
          x1={x(now)}
          x2={x(now)}
          y1={TOP - 16}
          y2={height - AXIS}
          stroke={colour.today}
          strokeWidth={2}
          strokeDasharray="5 3"
        />
        <text
          x={x(now) > width - 60 ? x(now) - 4 : x(now) + 4}
          y={TOP - 18}
          fontSize={11}
          fontWeight={600}
          textAnchor={x(now) > width - 60 ? "end" : "start"}
          fill={colour.today}
          {...halo}
        >
          {t("today")}
        </text>
      </svg>
      <Legend />
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {t("formulas")}
      </Typography>
    </Box>
  );
}

function Legend() {
  const t = useTranslations("leads.timeline.legend");
  const theme = useTheme();
  const items: [string, string, "bar" | "dot" | "dashed"][] = [
    [theme.palette.success.main, t("protected"), "bar"],
    [theme.palette.warning.main, t("grace"), "bar"],
    [theme.palette.success.light, t("term"), "bar"],
    [theme.palette.info.main, t("hold"), "bar"],
    [theme.palette.success.main, t("qualifying"), "dot"],
    [theme.palette.grey[500], t("other"), "dot"],
    [theme.palette.error.main, t("today"), "dashed"],
  ];
  return (
    <Box
      component="ul"
      aria-hidden
      sx={{ display: "flex", flexWrap: "wrap", gap: 2, p: 0, m: 0, mt: 1, listStyle: "none" }}
    >
      {items.map(([colour, label, shape]) => (
        <Box
          component="li"
          key={label}
          sx={{ display: "flex", alignItems: "center", gap: 0.75, fontSize: 12, color: "text.secondary" }}
        >
          <Box
            sx={{
              width: shape === "dot" ? 10 : 18,
              height: shape === "dashed" ? 0 : 10,
              borderRadius: shape === "dot" ? "50%" : 0.5,
              bgcolor:
                shape === "dashed" || (shape === "dot" && label === t("other")) ? "transparent" : colour,
              border: `2px ${shape === "dashed" ? "dashed" : "solid"} ${colour}`,
            }}
          />
          {label}
        </Box>
      ))}
    </Box>
  );
}

function EventList({ events, now }: { events: TimelineEvent[]; now: number }) {
  const t = useTranslations("leads.timeline");
  const format = useFormatter();
  const when = (at: number) => format.dateTime(new Date(at), { dateStyle: "medium", timeStyle: "short" });
  const describe = (e: TimelineEvent): [string, string | null] => {
    switch (e.type) {
      case "assigned":
        return [t("events.assigned", { owner: e.owner }), null];
      case "released":
        return [
          t("events.released", {
            owner: e.owner,
            reason: t(`releaseReasons.${e.reason}` as "releaseReasons.EXPIRED"),
          }),
          null,
        ];
      case "activity":
        return [
          `${t(`kinds.${e.kind}` as "kinds.NOTE")} – ${t(e.counts ? "events.counts" : e.qualifying ? "events.notCounted" : "events.neverCounts")}`,
          [e.by, e.note].filter(Boolean).join(" · ") || null,
        ];
      case "holdStarted":
        return [
          t(e.end === null ? "events.holdOpen" : "events.holdStarted", {
            reason: t(`holdReasons.${e.reason}` as "holdReasons.OTHER"),
          }),
          null,
        ];
      case "holdEnded":
        return [t("events.holdEnded", { reason: t(`holdReasons.${e.reason}` as "holdReasons.OTHER") }), null];
      case "extensionRequested":
        return [t("extensionRequested", { days: e.days }), e.reason];
      case "extensionDecided":
        return [t(e.approved ? "extensionApproved" : "extensionDenied", { days: e.days }), e.comment];
      case "deadline":
        return [
          t(e.at > now ? "events.deadlineFuture" : "events.deadlinePast", {
            deadline: t(`deadlines.${e.deadline}`),
          }),
          null,
        ];
    }
  };
  const past = events.filter((e) => e.at <= now);
  const future = events.filter((e) => e.at > now);
  const item = (e: TimelineEvent, i: number) => {
    const [primary, detail] = describe(e);
    return (
      <ListItem key={`${e.type}-${e.at}-${i}`} disableGutters sx={{ py: 0.25 }}>
        <ListItemText
          primary={primary}
          secondary={
            <>
              <time dateTime={new Date(e.at).toISOString()}>{when(e.at)}</time>
              {detail ? ` · ${detail}` : ""}
            </>
          }
        />
      </ListItem>
    );
  };
  return (
    <List dense component="ol" aria-label={t("listTitle")} data-testid="timeline-events">
      {past.map(item)}
      <ListItem disableGutters sx={{ py: 0.25 }}>
        <ListItemText
          primary={t("today")}
          slotProps={{ primary: { sx: { fontWeight: 600, color: "error.main" } } }}
          secondary={<time dateTime={new Date(now).toISOString()}>{when(now)}</time>}
        />
      </ListItem>
      {future.map(item)}
    </List>
  );
}
