/**
 * Why each rule matters, from the source documents (cited by title and year): shown in the hover of
 * a finding and by `improvekit check --verbose`, and the ground of each section of docs/rules.md.
 * Kept apart from the rules so that the editor loads it on the first hover only (esbuild.js), not
 * at activation; a unit test checks that every rule has its entry.
 */
export const RATIONALE: Readonly<Record<string, string>> = {
  "schema/invalid":
    "Each kind has a schema (DESIGN §3): a value of the wrong shape cannot be checked by the other rules.",
  "ref/duplicate-id":
    "References name items by id: two items with one id make every reference to it ambiguous.",
  "ref/unknown":
    "A driver diagram, a cycle and a chart are one theory only if their links resolve (the reflection guide on leading system-wide continuous improvement); a reference that names nothing breaks the chain.",
  "ref/unknown-person":
    "RAPID names who holds each role (the SCALE Initiative report (2014)); an id missing from the roster names nobody.",
  "driver/aim-not-measurable":
    "A measurable aim says how much, by when and how we will know: \"How will we know if the change is an improvement?\" (the reflection guide on leading system-wide continuous improvement). Without a target, a date and an outcome measure no one can tell whether the work is succeeding.",
  "driver/primary-without-secondary":
    "A driver diagram is a theory of improvement (the reflection guide on leading system-wide continuous improvement): a primary driver with nothing under it does not say how it will be moved, so there is nothing to act on.",
  "driver/secondary-without-change":
    "Change ideas are what the team tests in PDSA cycles (the reflection guide on leading system-wide continuous improvement); a secondary driver without one has no test yet and no way to learn whether it matters.",
  "driver/orphan-change-idea":
    "\"What change will we make and why?\" (the reflection guide on leading system-wide continuous improvement): a change idea that supports no driver does not say why it would move the aim, and becomes one more initiative.",
  "driver/no-balancing-measure":
    "Seeing the whole system means staying attuned to unintended consequences (the reflection guide on leading system-wide continuous improvement): a balancing measure shows whether a change makes something else worse, such as teacher time.",
  "driver/too-many-primary-drivers":
    "Focus on the few levers that matter most: IHI advises 2 to 5 primary drivers, and one district in the reflection guide on leading system-wide continuous improvement went from 975 goals to 4 priorities that everyone could name.",
  "driver/untested-change-idea":
    "Change ideas are tested in small, rapid PDSA cycles (the reflection guide on leading system-wide continuous improvement); a status of `testing` with no cycle says more than the work does.",
  "pdsa/question-without-prediction":
    "Learning comes from \"the gap between one's predictions and what actually happened\" (the reflection guide on leading system-wide continuous improvement): write the prediction before the test, such as \"5 of 7 teachers will bring student work\". A placeholder is not a prediction.",
  "pdsa/missing-result":
    "The study step puts each prediction beside what happened (the reflection guide on leading system-wide continuous improvement); a question without a result leaves the learning out.",
  "pdsa/missing-decision":
    "Teams run \"rapid, low-risk tests of change and act on what they learn\" (the reflection guide on leading system-wide continuous improvement): a finished cycle ends in adopt, adapt or abandon.",
  "pdsa/act-before-study":
    "\"Demand facts rather than assumptions to inform actions\" (the reflection guide on leading system-wide continuous improvement): the decision follows from what the study found.",
  "pdsa/dates-out-of-order":
    "A test of change is planned in time (the reflection guide on leading system-wide continuous improvement); dates that contradict each other are usually a typo that hides how long the test ran.",
  "pdsa/overdue":
    "Tests of change are meant to be rapid and low-risk (the reflection guide on leading system-wide continuous improvement); a status that lags the dates says less than the work does.",
  "pdsa/broken-chain":
    "Cycles build on one another in a ramp, each learning from the last (\"Finding & Developing 21st Century School Leaders\", California Collaborative on District Reform, 2012); a broken link loses which test the learning came from.",
  "pdsa/run-chart-shift":
    "6 or more consecutive points on one side of the median (points on it skipped) is a signal of real change, not chance (Perla, Provost & Murray (2011)).",
  "pdsa/run-chart-trend":
    "5 or more consecutive points all going up or all going down (a repeated value counts once) is a signal of real change (Perla, Provost & Murray (2011)).",
  "pdsa/run-chart-runs":
    "Too few runs about the median means the process shifted; too many often means two processes are mixed (the table of Perla, Provost & Murray (2011)).",
  "rapid/missing-decider":
    "In RAPID the D makes the final decision and commits the organisation to action (the SCALE Initiative report (2014)); without one the decision stalls between those who recommend and agree.",
  "rapid/multiple-deciders":
    "RAPID gives the D to exactly one party (the SCALE Initiative report (2014)). The SCALE leaders disagreed about whether decision-making authority rests with the superintendent or with the school board: a charter settles it for each decision.",
  "rapid/missing-recommender":
    "Someone must \"recommend a decision or action\" after gathering input (the SCALE Initiative report (2014)): the R brings the proposal to the decider.",
  "rapid/missing-performer":
    "The P is accountable for performing the decision once made (the SCALE Initiative report (2014)); a decision nobody carries out is a statement.",
  "rapid/too-many-agree":
    "An Agree must be consulted and \"should not be ignored\" (the SCALE Initiative report (2014)): each A is a veto, and every extra one can stall the decision. Input \"must be consulted, but may be ignored\".",
  "rapid/conflicting-roles":
    "Agree \"should not be ignored\"; Input \"may be ignored\" (the SCALE Initiative report (2014)): one party cannot be both, and a D who also agrees blurs who decides.",
  "rapid/decided-without-outcome":
    "Systems \"specify how decisions are made and who makes them\" (the reflection guide on leading system-wide continuous improvement); those who perform a decision need to see what was decided.",
  "rapid/decider-overload":
    "One decider for everything becomes the bottleneck (the SCALE Initiative report (2014)); give the D to the leader closest to the work.",
  "leadership/oversized-span":
    "No one can develop that many teachers well: the average principal is responsible for 37 teachers, against about 5 people for managers of skilled professionals; at Green Dot no leader has more than 13 teachers (10 is the ideal) and Denver's Team Leads lead up to 8 (the report on distributed school leadership (2014)). Principals stretched this thin call the job unsustainable (\"Finding & Developing 21st Century School Leaders\", California Collaborative on District Reform, 2012).",
  "leadership/uncovered-teachers":
    "Teachers outside every team are left fending for themselves, with no one on point for their growth (the report on distributed school leadership (2014)).",
  "leadership/overcounted-teachers":
    "Every teacher should have exactly one development lead (the report on distributed school leadership (2014)); more teachers in teams than in the school usually means one is counted twice or the count is out of date.",
  "leadership/teacher-in-two-teams":
    "Two leaders developing one teacher send mixed signals: where coaches and principals both worked with a teacher, they gave conflicting messages (the report on distributed school leadership (2014)).",
  "leadership/no-release-time":
    "A leader who teaches full time cannot observe, coach and meet with a team: two-thirds of teacher leaders surveyed lacked the time to lead, and Green Dot \"can't and won't hold them accountable for other teachers if we don't give them time\"; Denver gives Team Leads up to 50% release time (the report on distributed school leadership (2014)).",
  "leadership/coaching-without-authority":
    "\"My coaching has no teeth,\" said a coach without a say in evaluation: suggestions are easy to ignore, and coaching split from evaluation gives teachers conflicting messages (the report on distributed school leadership (2014)).",
  "leadership/fragmented-responsibility":
    "Teacher support is too often fragmented: some leaders just coach, some only evaluate, others run collaboration (the report on distributed school leadership (2014)). One leader should hold the whole cycle: goals, observation and feedback, motivation, collaboration and a role in evaluation.",
  "leadership/reporting-cycle":
    "Every leader needs a clear line up to someone on point for their own development (the report on distributed school leadership (2014)); a loop of `reports_to` has no top.",
  "message/too-many-messages":
    "People going through a change take in about three main ideas at a time: the SCALE workshops crafted change messages with three main ideas, in 27 words or fewer (the SCALE Initiative report (2014)).",
  "message/too-many-words":
    "In times of change people take in little at once: change messages are crafted \"in 27 words or fewer, nine seconds or less, and three main ideas\" (the SCALE Initiative report (2014)).",
  "message/jargon":
    "\"Jargon and verbosity can make these descriptions confusing to parents, other stakeholders, and members of the general public\" (the SCALE Initiative report (2014)); a message not understood is not repeated.",
  "measure/data-unreadable":
    "A chart needs its data: without the file or its columns no signal can be read (Provost & Murray, \"The Health Care Data Guide\" (2011), and NHS England, \"Making Data Count\").",
  "measure/bad-row":
    "A row whose date or value cannot be read is left out of the chart (Provost & Murray, \"The Health Care Data Guide\" (2011), and NHS England, \"Making Data Count\"); it may hide the very point that matters.",
  "measure/points-out-of-order":
    "Run and control chart rules read points in time order (Perla, Provost & Murray (2011); Provost & Murray, \"The Health Care Data Guide\" (2011), and NHS England, \"Making Data Count\"); out of order, every signal would be wrong.",
  "measure/too-few-points":
    "Signals need enough points: 10 for a run chart (Perla, Provost & Murray (2011)), about 12 in a phase for control limits (Provost & Murray, \"The Health Care Data Guide\" (2011), and NHS England, \"Making Data Count\").",
  "measure/outside-limits":
    "A point beyond the 3-sigma limits is special-cause variation, unlikely to be chance (Provost & Murray, \"The Health Care Data Guide\" (2011), and NHS England, \"Making Data Count\"): find what happened then.",
  "measure/shift":
    "A run of points on one side of the centre (6 on a run chart, Perla, Provost & Murray (2011); 8 on a control chart, 7 with `spc: mdc`, Provost & Murray, \"The Health Care Data Guide\" (2011), and NHS England, \"Making Data Count\") is a signal of real change, not chance.",
  "measure/trend":
    "Points all going up or all going down (5 on a run chart, Perla, Provost & Murray (2011); 6 on a control chart, 7 with `spc: mdc`, Provost & Murray, \"The Health Care Data Guide\" (2011), and NHS England, \"Making Data Count\") signal real change, not chance.",
  "measure/runs":
    "Too few or too many runs about the median for the points off it (the published table in Perla, Provost & Murray (2011)) means the process shifted, or two processes are mixed.",
  "measure/two-of-three":
    "Two of three points beyond 2 sigma on one side is an early signal of special cause (Provost & Murray, \"The Health Care Data Guide\" (2011), and NHS England, \"Making Data Count\").",
  "measure/phase-without-reason":
    "Control limits are recalculated only for a known change to the process (Provost & Murray, \"The Health Care Data Guide\" (2011), and NHS England, \"Making Data Count\"); a phase without a reason hides signals instead of showing them.",
  "measure/target-out-of-reach":
    "A stable process stays within its limits (Provost & Murray, \"The Health Care Data Guide\" (2011), and NHS England, \"Making Data Count\"): a target beyond them will not be reached unless the process changes.",
  "driver/measure-without-data":
    "\"Demand facts rather than assumptions\" (the reflection guide on leading system-wide continuous improvement): a measure with no data series cannot show whether a change is an improvement.",
  "pdsa/points-out-of-order":
    "Run chart rules read points in time order (Perla, Provost & Murray (2011)); out of order, the signals would be wrong.",
  "pdsa/data-unreadable":
    "A run chart needs its data (Perla, Provost & Murray (2011)): without the file or its `date` and `value` columns no signal can be read.",
  "pdsa/bad-row":
    "A row whose date or value cannot be read is left out of the run chart (Perla, Provost & Murray (2011)).",
};

/** The rationale of a rule, if it has one. */
export function rationaleOf(rule: string): string | undefined {
  return Object.hasOwn(RATIONALE, rule) ? RATIONALE[rule] : undefined;
}
