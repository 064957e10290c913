// How a TypeScript page uses the npm package `vmkpath`: compiled with `tsc --noEmit` (strict)
// against the installed package's vmk-path.d.ts by tests/e2e/package.test.mjs. Each
// `@ts-expect-error` line must fail to compile: if the types grew loose enough to accept it
// (or an old snake_case name came back), tsc reports the unused directive and the test fails.
import { VmkPathElement, loadVmkpath, type Plan, type Scenario, type VmkPathPlanEvent } from 'vmkpath';

const el = document.createElement('vmk-path');
const typed: VmkPathElement = el; // the tag name maps to the element's class
el.setAttribute('scenario', 'shared-subnet');
el.setAttribute('controls', 'shared-subnet multi-nic');
document.body.append(typed);

el.addEventListener('vmkpath:plan', (event: VmkPathPlanEvent) => {
  const plan: Plan = event.detail;
  const leaving: (string | null)[] = plan.flows.map((f) => f.source.vmk);
  const codes: string[] = plan.findings.map((f) => f.code);
  const seconds: number | null = plan.duration_s;
  const answer: string = plan.verdict;
  console.log(leaving, codes, seconds, answer, el.plan?.outcome);
});
document.addEventListener('vmkpath:plan', (event) => console.log(event.detail.flows.length));

const scenario: Scenario | undefined = el.scenario;
if (scenario) {
  scenario.vm.memory_gib = 32;
  el.scenario = scenario;
}

void loadVmkpath().then(() => {
  const widget = el.widget;
  if (!widget) return;
  widget.loadBuiltin('multi-nic-fix');
  widget.setControl('multi-nic', 'two-nics');
  widget.setSpeed(2);
  const playing: boolean = widget.isPlaying();
  const step: number = widget.currentStep();
  const linked: boolean = widget.applyFragment('#scenario=udt-8');
  const link: string = widget.permalink();
  widget.goToChapter('multi-nic-fix');
  console.log(playing, step, linked, link, widget.simulatedSeconds(), widget.predictScore());
});

// @ts-expect-error: the plan is read-only
el.plan = null;
// @ts-expect-error: a scenario is an object, not a name
el.scenario = 'shared-subnet';
// @ts-expect-error: the old snake_case names are gone
el.widget?.set_control('multi-nic', 'two-nics');
// @ts-expect-error: setControl takes a name and a value
el.widget?.setControl('multi-nic');
el.addEventListener('vmkpath:plan', (event) => {
  // @ts-expect-error: the event's detail is a plan, which has no `steps`
  console.log(event.detail.steps);
});
