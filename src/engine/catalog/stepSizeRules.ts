// How "compare raw and centred inputs" sets the centred run's learning rate (../centring.ts): not a
// scenario field, but a closed list the host's message check, the webview's switch and the CLI's flag
// share. Pure data (the webview bundles it).
export const STEP_SIZE_RULES = ['matched', 'same'] as const;
/** 'matched': the same η·λmax on both sides (the centred η scaled); 'same': the same η. */
export type StepSizeRule = (typeof STEP_SIZE_RULES)[number];

/**
 * Why a matched comparison kept the same η: an adaptive optimizer, a centred bowl with no curvature at w*,
 * or a matched η outside optimizer.lr's range.
 */
export type MatchFallback = 'adaptive' | 'flat' | 'range';
