// Shared by the hostile sample pages (www/samples/hostile-*.html): filler text that spoils
// nothing and the spoiler sentences about Never Let Me Go that the pages hide in it. The
// pages build their big bodies here at load time, so nothing large is committed.
// Checked with `target/release/spoiler-shield classify --book never-let-me-go`: every
// SPOILERS sentence is judged a spoiler, filler never is.
(() => {
  const WORDS = ('the a weather harbour kettle garden window market ferry lantern biscuit orchard ' +
    'pencil meadow bicycle library teapot cabbage village river station parcel umbrella ' +
    'committee autumn morning ribbon cellar hedge bakery timetable notebook lamp pebble ' +
    'quiet green slow bright narrow warm cheerful dusty folded gentle yellow early late ' +
    'walked painted counted carried mended opened watered sorted borrowed swept baked ' +
    'and of with on under near beside over behind into from').split(' ');

  // A small deterministic generator (mulberry32), so every load builds the same page.
  function rng(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // Filler of about `chars` characters, in sentences of 8 to 16 words.
  function filler(chars, seed = 1) {
    const r = rng(seed);
    const out = [];
    let n = 0;
    while (n < chars) {
      const len = 8 + Math.floor(r() * 9);
      const words = [];
      for (let i = 0; i < len; i++) words.push(WORDS[Math.floor(r() * WORDS.length)]);
      const s = `${words[0][0].toUpperCase()}${words.join(' ').slice(1)}. `;
      out.push(s);
      n += s.length;
    }
    return out.join('');
  }

  const SPOILERS = [
    'In the end Tommy completes after his fourth donation and Kathy becomes a donor herself.',
    'Ruth completes after her second donation, and before that she makes her confession to Kathy and Tommy.',
    'Madame and Miss Emily tell them there are no deferrals: Hailsham was an experiment to prove the students had souls.',
    "Kathy becomes Tommy's carer, and Tommy completes not long after the visit to Madame.",
  ];

  window.hostile = { filler, rng, SPOILERS };
})();
