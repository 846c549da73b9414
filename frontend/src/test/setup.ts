import { configure } from '@testing-library/react';

// CI machines run the Go suite beside these tests; give asynchronous queries time to settle there.
configure({ asyncUtilTimeout: 5000 });
