import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '@/utils/background-service';

export default defineBackground({
  type: 'module',
  main() {
    startBackground();
  },
});
