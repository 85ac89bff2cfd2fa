import { searchContract } from './support/search-contract';

describe('search contract: PostgreSQL engine', () => searchContract('postgres', { SEARCH_ENGINE: 'postgres' }));
