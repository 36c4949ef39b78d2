import { runSubgraphMain } from '@shopgraph/server';
import { startProductsService } from './service';

void runSubgraphMain('products', startProductsService);
