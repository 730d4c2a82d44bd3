// Mozilla's HTTP Observatory (npm @mdn/mdn-http-observatory, pinned in package-lock.json),
// graded exactly as its scan() does, but on the loopback ports the test chose: scan() itself
// only knows ports 80 and 443. Usage: node observatory.mjs HOST HTTP_PORT HTTPS_PORT
import { retrieve } from "@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { ALL_TESTS } from "@mdn/mdn-http-observatory/src/constants.js";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";
import {
  getGradeForScore,
  getScoreModifier,
} from "@mdn/mdn-http-observatory/src/grader/grader.js";

const [host, httpPort, httpsPort] = process.argv.slice(2);
const r = await retrieve(host, { httpPort, httpsPort });
if (!r.responses.auto) {
  console.log(JSON.stringify({ error: "The site seems to be down." }));
  process.exit(1);
}
let withCredit = 100;
let uncurved = 100;
const tests = {};
for (const test of ALL_TESTS) {
  const result = test(r);
  if (result.result) {
    const modifier = getScoreModifier(result.result);
    withCredit += modifier;
    if (modifier < 0) uncurved += modifier;
    tests[test.name] = { result: result.result, pass: result.pass, modifier };
  }
}
const score = uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withCredit : uncurved;
const final = getGradeForScore(score);
console.log(JSON.stringify({ grade: final.grade, score: final.score, tests }, null, 2));
