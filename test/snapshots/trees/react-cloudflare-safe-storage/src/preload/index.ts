// Runs before the page, in an isolated world: exposes the kit's narrow bridges (src/kit/preload.ts).
import '../kit/preload';
