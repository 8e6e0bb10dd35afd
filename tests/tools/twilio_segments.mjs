// Reads a JSON list of messages on stdin and prints, for each, what Twilio's calculator
// (npm sms-segments-calculator, pinned in package.json) says: its encoding, part count and
// character count (septets for GSM-7), plus the grapheme count of Node's own Intl.Segmenter
// (ICU), as a second reference for what a reader sees as one character.
import { SegmentedMessage } from "sms-segments-calculator";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const messages = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

const results = messages.map((text) => {
  const message = new SegmentedMessage(text);
  return {
    encoding: message.encodingName,
    segments: message.segmentsCount,
    characters: message.numberOfCharacters,
    graphemes: [...graphemes.segment(text)].length,
  };
});
process.stdout.write(JSON.stringify(results));
