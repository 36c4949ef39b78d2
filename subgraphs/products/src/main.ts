import { runSubgraphMain } from '@shopgraph/server';
import { productsEnvSchema } from './env';
import { startProductsService } from './service';

void runSubgraphMain('products', startProductsService, productsEnvSchema);
