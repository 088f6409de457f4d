// The generation of the public map's kept answers: every write of facilities or results in this
// process moves it, and answers kept under an older generation are computed again.
let generation = 0

export function publicChanged(): void {
  generation++
}

export function publicGeneration(): number {
  return generation
}
