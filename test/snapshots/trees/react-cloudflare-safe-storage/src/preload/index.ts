// Runs before the page, in an isolated world: exposes the kit's narrow bridges (src/kit/preload.ts).
import { exposeBridges } from '../kit/preload';

exposeBridges();
