import '@testing-library/jest-dom';
import { resetTaroStub } from '../stubs/taro';

beforeEach(() => {
  resetTaroStub();
});
